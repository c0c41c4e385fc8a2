import { UserError } from './errors';

/** Temporary: an area whose issue has not landed yet says so instead of pretending. */
export function notYet(what: string): never {
  throw new UserError({ 'zh-CN': `此功能尚未提供：${what}`, en: `Not available yet: ${what}` });
}
