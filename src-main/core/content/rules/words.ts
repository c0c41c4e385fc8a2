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
