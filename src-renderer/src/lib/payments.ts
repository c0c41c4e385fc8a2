import { PAYMENT_METHODS } from '../../../src-main/core/common/payment-methods';

/** The settings' payment methods, in the settings screen's order (their names: PAYMENT_METHOD_NAMES). */
export const PAYMENT_IDS = [...PAYMENT_METHODS];
