// The control bytes, spelled out independently of the code under test.
export const ENQ = 0x05;
export const ACK = 0x06;
export const NAK = 0x15;
export const EOT = 0x04;

/** STX "A00" FS "1.28" ETX LRC, built by hand. */
export function initializeRequestForTest(): number[] {
  const inner = [0x41, 0x30, 0x30, 0x1c, 0x31, 0x2e, 0x32, 0x38, 0x03];
  return [0x02, ...inner, inner.reduce((a, b) => a ^ b, 0)];
}
