// Shared with the shell, which names a refused shortcut in the same keyboard form.
export {
  copyKeys,
  keyboardOf,
  shownAccelerator,
  storedAccelerator,
  SHORTCUT_REFUSED_BY_SYSTEM,
  type KeyboardKind,
} from '../../../src-main/shared/accelerator';
