// Shared with the shell, which names a refused shortcut in the same keyboard form.
export { copyKeys, keyboardOf, shownAccelerator, storedAccelerator, type KeyboardKind } from '../../../src-main/shared/accelerator';
