/**
 * The phrases the rules recognise in flow texts. Content writers mark what a node does with
 * money (`money: retry`), but a forgotten mark must not hide a retry from the checks, so the
 * wording is read too.
 */

/** The node asks the customer for another card (zh-CN or en). */
export const ASKS_ANOTHER_CARD = /换(一|两)?张(别的|其他|其它)?(银行|银联)?卡|换卡(?!槽)|另一张卡|别的卡|其他(银行的)?卡|其它卡|\b(another|other|different) (bank )?card\b/i;

/** An answer that says the customer has no other card. */
export const NO_OTHER_CARD = /没有(别的|其他|其它|另一张|第二张)(银行|银联)?卡|没有(别的|其他)?卡了|\bno (other|second|other bank) card\b/i;

/** The node has the same card tried again. */
export const READS_AS_RETRY =
  /(?<!不要|别|不能|不用|不必)(再(试|刷|插|挥|付)(一次|一下|一遍)|重新(发起|刷卡|交易|付款)|重刷|重试)|(?<!not |never |n't )\b(try|charge|swipe|insert|tap|pay)\b[^.;]*\b(again|once more)\b|(?<!not |never |n't )\bretry\b/i;

/** Words that explain a risk check to a customer; we never say why a bank stopped a card. */
export const EXPLAINS_RISK = /风控|风险|安全检查|安全校验|校验|可疑|欺诈|作弊|\b(risk|fraud|security check|suspicious|verification)\b/i;

/**
 * A way to pay named in a script or an action. Content says `{ways}`, which the app fills with
 * the ways the store has switched on; a named wallet would offer what the counter may not take.
 */
export const NAMES_A_WALLET = /微信|支付宝|云闪付|\b(WeChat|Alipay|UnionPay QR)\b/i;

/**
 * A promise the store cannot see kept: the money comes back by itself. The store says what it
 * will check instead (the terminal's last transaction, the day's settlement).
 */
export const PROMISES_RETURN =
  /自动(撤销|退回|退还|冲正|退款|返还|解冻)|(银行|钱|款)(一般|通常)?会(自动)?(退|返)|\b(undone|reversed|returned|refunded|released) automatically\b|\bautomatically (undone|reversed|returned|refunded|released)\b|\bby itself\b.*\b(return|refund)/i;

/**
 * The trade's words a technician keeps but a cashier does not say (glossary `acquirer`: the
 * technician screens keep 收单机构 as the term, so the glossary does not ban it everywhere).
 */
export const TRADE_WORDS = /收单机构/;
