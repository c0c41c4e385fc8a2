import type { z } from 'zod';
import type { Text } from '../i18n';
import { settingName } from '../common/setting-names';

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

const PHONE = t('只能填数字、空格和 + - ( ) # *，最多 32 个字符', 'may hold only digits, spaces and + - ( ) # *, at most 32 characters');

/** What a setting with a rule of its own must look like, said as its screen would say it. */
const FORMS: Readonly<Record<string, Text>> = {
  'store.merchantId': t(
    '应为 15 位数字（银联商户号：收单机构代码 3 位、地区码 4 位、商户类别码 4 位、顺序号 4 位，印在签购单上）',
    'must be 15 digits (a UnionPay merchant ID: acquirer code 3, area code 4, merchant category code 4, sequence 4; it is printed on the slip)',
  ),
  'store.terminalId': t('应为 8 位数字（印在签购单上）', 'must be 8 digits (it is printed on the slip)'),
  'store.hotlines.acquirer': PHONE,
  'store.hotlines.posService': PHONE,
  'store.hotlines.bank': PHONE,
  'store.name': t('最多 60 个字符', 'may have at most 60 characters'),
  shortcut: t('应是像 CommandOrControl+Alt+P 这样的组合键', 'must be a shortcut such as CommandOrControl+Alt+P'),
  'network.gateway': t(
    '应是 IP 地址，例如 192.168.1.1；留空则用本机路由表里的',
    'must be an IP address such as 192.168.1.1, or empty for the route table',
  ),
  payments: t('每种方式只能写一次', 'may name each way to pay once'),
  'fleet.url': t(
    '应以 mqtt://、mqtts://、ws:// 或 wss:// 开头，后面是服务器地址',
    'must start with mqtt://, mqtts://, ws:// or wss:// and a host',
  ),
  'fleet.store': t('只能有字母、数字、_ 和 -，最多 64 个', 'may hold only letters, digits, _ and -, at most 64'),
  'fleet.counter': t('只能有字母、数字、_ 和 -，最多 64 个', 'may hold only letters, digits, _ and -, at most 64'),
};

/** The rules' own messages (written in English beside the schema), said in both languages. */
const RULE_MESSAGES: Readonly<Record<string, Text>> = {
  'the address alone; the port goes in network.acquirerPort': t(
    '只填地址，端口填在“收单前置机端口”里（network.acquirerPort）',
    'takes the address alone; the port goes in network.acquirerPort',
  ),
  'a host name such as front.acquirer.cn or an IP address such as 10.1.2.3, or empty when the terminal does not go online through this PC':
    t(
      '应是主机名（如 front.acquirer.cn）或 IP 地址（如 10.1.2.3）；刷卡机不经这台电脑联网时留空',
      'must be a host name such as front.acquirer.cn or an IP address such as 10.1.2.3, or empty when the terminal does not go online through this PC',
    ),
  'a whole number from 1 to 65535, as the acquirer gave it': t(
    '应是 1–65535 的整数，按收单机构给的填',
    'must be a whole number from 1 to 65535, as the acquirer gave it',
  ),
  'required when network.acquirerHost is set: the acquirer gives the port with the address': t(
    '在填了收单前置机地址时必须填写（收单机构给地址时会一起给端口）',
    'is required when network.acquirerHost is set: the acquirer gives the port with the address',
  ),
  'required when the fleet is enabled': t('在连接总部时必须填写', 'is required when the head office connection is on'),
};

const TYPE_WORDS: Readonly<Record<string, Text>> = {
  object: t('一组设置（JSON 对象）', 'a group of settings (a JSON object)'),
  string: t('文字', 'text'),
  number: t('数字', 'a number'),
  boolean: t('true 或 false', 'true or false'),
  array: t('一个列表，例如 ["cash","wechat"]', 'a list such as ["cash","wechat"]'),
};

type Issue = z.core.$ZodIssue;

/** One zod issue as a sentence part: "商户号应为 15 位数字（…）". */
function issueSentence(issue: Issue): Text {
  const path = issue.path.map(String).join('.');
  const name = settingName(path);
  const form = FORMS[path];
  const with_ = (zh: string, en: string): Text => t(`${name['zh-CN']}${zh}`, `The ${name.en} ${en}`);
  const rule = RULE_MESSAGES[issue.message];
  if (rule) return with_(rule['zh-CN'], rule.en);
  switch (issue.code) {
    case 'invalid_type': {
      const want = TYPE_WORDS[issue.expected] ?? t(issue.expected, issue.expected);
      return with_(`应是${want['zh-CN']}`, `must be ${want.en}`);
    }
    case 'too_small':
    case 'too_big': {
      if (form) return with_(form['zh-CN'], form.en);
      const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const [zh, en] = issue.code === 'too_small' ? ['不能小于', 'must be at least'] : ['不能大于', 'must be at most'];
      const unit = issue.origin === 'string' ? t(' 个字符', ' characters') : issue.origin === 'array' ? t(' 项', ' items') : t('', '');
      return with_(`${zh} ${bound}${unit['zh-CN']}`, `${en} ${bound}${unit.en}`);
    }
    case 'invalid_value':
      return with_(`只能是：${issue.values.map(String).join('、')}`, `must be one of: ${issue.values.map(String).join(', ')}`);
    case 'unrecognized_keys':
      return path
        ? with_(`里没有这些项：${issue.keys.join('、')}`, `has no ${issue.keys.join(', ')}`)
        : t(`没有这些设置项：${issue.keys.join('、')}`, `No such settings: ${issue.keys.join(', ')}`);
    default:
      // A rule of the setting's own (a format, a refinement): its form when we have it in words.
      if (form) return with_(form['zh-CN'], form.en);
      return with_(`不符合要求`, `is not valid: ${issue.message}`);
  }
}

/** Every problem of a refused change as sentences in both languages, the setting named as the user knows it. */
export function issueSentences(issues: readonly Issue[]): Text {
  const parts = issues.map(issueSentence);
  return t(parts.map((p) => p['zh-CN']).join('；'), parts.map((p) => p.en).join('; '));
}
