import { Help, type Command } from 'commander';
import { pick, type Lang, type Text } from '../core/i18n';
import { HELP_ZH } from './help-zh';

/**
 * `--help` and commander's own messages in the reader's language, through commander's
 * configuration (descriptions, `configureHelp`, `configureOutput`), not a fork of it.
 */

/** The language asked for, read before commander parses anything (help and errors come first). */
export function langFromArgv(argv: readonly string[]): Lang {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (at < 0) return 'zh-CN';
  const value = argv[at]?.includes('=') ? argv[at]?.slice('--lang='.length) : argv[at + 1];
  return value === 'en' ? 'en' : 'zh-CN';
}

const TITLES: Readonly<Record<string, Text>> = {
  'Usage:': { 'zh-CN': '用法：', en: 'Usage:' },
  'Options:': { 'zh-CN': '选项：', en: 'Options:' },
  'Commands:': { 'zh-CN': '命令：', en: 'Commands:' },
  'Arguments:': { 'zh-CN': '参数：', en: 'Arguments:' },
  'Global Options:': { 'zh-CN': '全局选项：', en: 'Global Options:' },
};

const HELP_OPTION: Text = { 'zh-CN': '显示这个命令的帮助', en: 'display help for command' };
const HELP_COMMAND: Text = { 'zh-CN': '显示某个命令的帮助', en: 'display help for command' };

/** Commander's errors, by the shape of its English message (commander/lib/command.js). */
const ERRORS: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^error: unknown option '([^']*)'/, (m) => `错误：没有这个选项 ${m[1]}`],
  [/^error: unknown command '([^']*)'/, (m) => `错误：没有这个命令 ${m[1]}`],
  [/^error: missing required argument '([^']*)'/, (m) => `错误：缺少参数 ${m[1]}`],
  [/^error: option '([^']*)' argument missing/, (m) => `错误：选项 ${m[1]} 后面要写一个值`],
  [/^error: required option '([^']*)' not specified/, (m) => `错误：必须写选项 ${m[1]}`],
  [
    /^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (m) => `错误：参数太多${m[1] ? `（${m[1]}）` : ''}：应有 ${m[2]} 个，给了 ${m[3]} 个`,
  ],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./,
    (m) => `错误：选项 ${m[1]} 的值 ${m[2]} 无效，可选：${m[3]}`,
  ],
  [/^error: (.*) cannot be used with (.*)/, (m) => `错误：${m[1]} 不能和 ${m[2]} 一起用`],
];

const SUGGESTION = /\n\(Did you mean (?:one of )?(.*)\?\)/;

/** One of commander's error messages in the reader's language; one we do not know stays as it is. */
export function commanderError(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  const text = message.trimEnd();
  const first = text.split('\n')[0] ?? '';
  for (const [pattern, say] of ERRORS) {
    const m = first.match(pattern);
    if (!m) continue;
    const suggestion = text.match(SUGGESTION);
    return `${say(m)}${suggestion ? `（是不是 ${suggestion[1]}？）` : ''}\n`;
  }
  return message;
}

/** Commander's "(choices: a, b, default: a)" after an option, in Chinese. */
const extrasZh = (inner: string): string =>
  inner.replace(/^choices: /, '可选：').replace(/(^|, )default: /, (_m, sep: string) => `${sep ? '，' : ''}默认：`);

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

const key = (path: string, rest: string): string => (path ? `${path} ${rest}` : rest);

/** Every command's and option's description, the help option and the section titles in `lang`. */
export function localizeHelp(program: Command, lang: Lang): void {
  const walk = (cmd: Command): void => {
    const path = commandPath(cmd);
    if (lang === 'zh-CN') {
      const said = HELP_ZH[path];
      if (said !== undefined) cmd.description(said);
      for (const option of cmd.options) {
        const text = option.long ? HELP_ZH[key(path, option.long)] : undefined;
        if (text !== undefined) option.description = text;
      }
      for (const argument of cmd.registeredArguments) {
        const text = HELP_ZH[key(path, `<${argument.name()}>`)];
        if (text !== undefined) argument.description = text;
      }
    }
    cmd.helpOption('-h, --help', pick(HELP_OPTION, lang));
    if (cmd.commands.length > 0) cmd.helpCommand(lang === 'en' ? 'help [command]' : 'help [命令]', pick(HELP_COMMAND, lang));
    cmd.configureHelp({
      styleTitle: (title) => (TITLES[title] ? pick(TITLES[title], lang) : title),
      commandUsage: (c) => {
        const usage = Help.prototype.commandUsage.call(new Help(), c);
        return lang === 'en' ? usage : usage.replace('[options]', '[选项]').replace('[command]', '[命令]');
      },
      subcommandTerm: (c) => {
        const term = Help.prototype.subcommandTerm.call(new Help(), c);
        return lang === 'en' ? term : term.replace('[options]', '[选项]');
      },
      optionDescription: (option) => {
        const said = Help.prototype.optionDescription.call(new Help(), option);
        return lang === 'en'
          ? said
          : said.replace(/\((choices|default): (.*)\)$/, (_m, _k: string, inner: string) => `（${extrasZh(`${_k}: ${inner}`)}）`);
      },
    });
    for (const sub of cmd.commands) walk(sub);
  };
  walk(program);
}
