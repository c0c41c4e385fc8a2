import { isIP } from '../common/ip-address';
import { z } from 'zod';
import { LANGS } from '../i18n';
import { DEVICE_PROTOCOLS } from '../common/protocols';
import { PAYMENT_METHODS } from '../common/payment-methods';
import { acquirerHost, acquirerPort, typedAcquirerHost, typedAcquirerPort } from './acquirer';

/**
 * The one settings schema. The Electron shell hands it (as JSON Schema) to electron-store,
 * the CLI and the tests use it on a plain JSON file: both validate the same way.
 * Bump SETTINGS_VERSION and add a step to `migrate` when the shape changes.
 */
export const SETTINGS_VERSION = 3;

export { PAYMENT_METHODS, type PaymentMethodId } from '../common/payment-methods';

export const HOTLINE_KINDS = ['acquirer', 'posService', 'bank'] as const;
export type HotlineKind = (typeof HOTLINE_KINDS)[number];

const phone = z
  .string()
  .trim()
  .max(32, 'at most 32 characters')
  .regex(/^[0-9+\-\s()#*转]*$/, 'digits, spaces and + - ( ) # * only');

/** UnionPay merchant ids are 15 characters and terminal ids 8; acquirers vary, so allow a range. */
const merchantId = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{0,20}$/, 'letters and digits only, at most 20');
const terminalId = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{0,16}$/, 'letters and digits only, at most 16');

/**
 * What people really type from a sticker: full-width digits from a Chinese input method, and
 * the spaces the sticker groups digits with (a dash stays refused: it may join two numbers). Only a change (the patch) is normalised:
 * the stored value is already clean, and a transform has no JSON Schema for electron-store.
 */
export function normaliseId(typed: string): string {
  return typed.normalize('NFKC').replace(/\s+/g, '');
}
const typedId = <T extends z.ZodType<string, string>>(id: T) => z.string().transform(normaliseId).pipe(id);

/**
 * What a change may set, stricter than what a stored file may hold (acquirers outside UnionPay's
 * rule exist in old files, which must still load): a UnionPay merchant ID (商户号) is 15 digits —
 * acquirer code 3, area code 4, merchant category code 4, sequence 4 — and a terminal ID (终端号)
 * 8 digits, as printed on every slip. Empty clears it.
 */
const unionPayMerchantId = z.string().regex(/^(\d{15})?$/, '15 digits (UnionPay merchant ID)');
const unionPayTerminalId = z.string().regex(/^(\d{8})?$/, '8 digits (terminal ID)');
const typedPhone = z
  .string()
  .transform((v) => v.normalize('NFKC'))
  .pipe(phone);

/**
 * An Electron accelerator such as "CommandOrControl+Alt+P": one or more modifiers, then one key.
 * Checked here so a typo is refused in the settings screen rather than failing silently at register.
 */
const accelerator = z
  .string()
  .trim()
  .regex(
    /^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+){1,3}([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right|Escape)$/,
    'a shortcut such as CommandOrControl+Alt+P',
  );

/** The store's router: an IP address, or empty for the route table. */
const gatewayAddress = z
  .string()
  .trim()
  .max(45)
  .refine((v) => v === '' || isIP(v) !== 0, 'an IP address such as 192.168.1.1, or empty for the route table');

export const DEVICE_ROLES = ['printer', 'terminal'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];

export const deviceConfigSchema = z.object({
  /** A path (/dev/ttyUSB0, COM3, /dev/usb/lp0) or tcp://host:port. */
  target: z.string().trim().min(1, 'a port or tcp://host:port').max(200),
  protocol: z.enum(DEVICE_PROTOCOLS),
  baudRate: z.number().int().min(300).max(921600).optional(),
  /** Probed on the monitor interval. */
  monitored: z.boolean(),
  /** The store says the app may hold this port open (needed for Automatic Status Back). */
  owned: z.boolean(),
});
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

/**
 * A store or counter id as it appears in an MQTT topic: no "/", "+", "#" or spaces. Empty only
 * while the fleet is off (checked below), so the defaults validate.
 */
const fleetId = z.string().regex(/^[A-Za-z0-9_-]{0,64}$/, 'letters, digits, _ and - only, at most 64');

/** An Ed25519 public key as SPKI DER in base64: the fixed prefix, then the 32 key bytes. */
export const POLICY_KEY_PATTERN = /^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/;
const POLICY_KEY_RULE = 'the one-line public key from `fleet policy keygen` (MCowBQYDK2VwAyEA…), or empty';
const policyKey = z.string().regex(/^$|^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/, POLICY_KEY_RULE);
/** As pasted: a key copied from a mail or a terminal may carry line breaks and spaces. */
export const typedPolicyKey = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(policyKey);

/**
 * Head office: every counter's state and incidents over MQTT. `url` may be empty while the fleet
 * is off; once `enabled`, a URL, a store and a counter id are required.
 */
export const fleetSettingsSchema = z
  .object({
    enabled: z.boolean(),
    url: z
      .string()
      .trim()
      .max(500)
      .regex(/^$|^(mqtt|mqtts|ws|wss):\/\/[^\s]+$/, 'mqtt://, mqtts://, ws:// or wss:// and a host'),
    store: fleetId,
    counter: fleetId,
    username: z.string().max(200),
    /** Never printed: `settings get` shows "***"; a file holding it is written mode 0600. */
    password: z.string().max(500),
    /** A PEM file with the CA that signed the broker's certificate; empty = the system's CAs. */
    caFile: z.string().max(1000),
    keepaliveSeconds: z.number().int().min(5).max(300),
    /**
     * Head office's Ed25519 public key (one line, from `fleet policy keygen`): only a policy it
     * signed is applied. Empty = no policy is applied. A default, not a schema version.
     */
    policyKey: policyKey.default(''),
  })
  .superRefine((f, ctx) => {
    if (!f.enabled) return;
    if (!f.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'required when the fleet is enabled' });
    if (!f.store) ctx.addIssue({ code: 'custom', path: ['store'], message: 'required when the fleet is enabled' });
    if (!f.counter) ctx.addIssue({ code: 'custom', path: ['counter'], message: 'required when the fleet is enabled' });
  });
export type FleetSettings = z.infer<typeof fleetSettingsSchema>;

/**
 * The first-run setup: `pending` on a new data folder until the owner finishes or skips it;
 * a settings file from before version 3 counts as `done`, since that store is already running.
 */
export const SETUP_STATES = ['pending', 'done', 'skipped'] as const;
export const setupSchema = z.object({
  state: z.enum(SETUP_STATES),
  /** When it was finished or skipped; null while pending, or when an older file was upgraded. */
  at: z.iso.datetime({ offset: true }).nullable(),
});
export type SetupProgress = z.infer<typeof setupSchema>;

export const DEFAULT_FLEET: FleetSettings = {
  enabled: false,
  url: '',
  store: '',
  counter: '',
  username: '',
  password: '',
  caFile: '',
  keepaliveSeconds: 30,
  policyKey: '',
};

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  language: z.enum(LANGS),
  startAtLogin: z.boolean(),
  shortcut: accelerator,
  store: z.object({
    name: z.string().trim().max(60, 'at most 60 characters'),
    merchantId,
    terminalId,
    hotlines: z.object({ acquirer: phone, posService: phone, bank: phone }),
    /**
     * Store policy for a card the issuer asks to keep (pick-up codes 04, 07, 41, 43 …). Off by
     * default: holding a customer's card at a counter invites a confrontation, and acquirers'
     * terminals now just ask for another card; the card is handed back and not tried again.
     */
    keepCards: z.boolean().default(false),
  }),
  payments: z
    .array(z.enum(PAYMENT_METHODS))
    .max(PAYMENT_METHODS.length)
    .refine((list) => new Set(list).size === list.length, 'each method once'),
  devices: z.object({
    printer: deviceConfigSchema.nullable(),
    terminal: deviceConfigSchema.nullable(),
  }),
  monitor: z.object({
    intervalSeconds: z.number().int().min(5).max(3600),
  }),
  network: z
    .object({
      /** A name that must resolve when the internet line works. */
      dnsName: z.string().trim().max(253),
      /** The payment provider's host, for the last network layer; empty = not checked. */
      paymentHost: z.string().trim().max(253),
      paymentPort: z.number().int().min(1).max(65535),
      /**
       * The router the gateway layer tries, as an IP address; empty = the one in this PC's route
       * table. A default, not a schema version: a file from before it reads as empty.
       */
      gateway: gatewayAddress.default(''),
      /**
       * The acquirer's front end, for a register that relays the terminal's host traffic (LANDI
       * PATH 05, Allinpay type 17); empty = the terminal does not go online through this PC. Defaults,
       * not a schema version, like `gateway`. The port has no default (see ./acquirer.ts), so it is
       * required once the host is set.
       */
      acquirerHost: acquirerHost.default(''),
      acquirerPort: acquirerPort.default(null),
    })
    .superRefine((n, ctx) => {
      if (n.acquirerHost && n.acquirerPort === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['acquirerPort'],
          message: 'required when network.acquirerHost is set: the acquirer gives the port with the address',
        });
      }
    }),
  fleet: fleetSettingsSchema,
  setup: setupSchema,
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  language: 'zh-CN',
  startAtLogin: true,
  shortcut: 'CommandOrControl+Alt+P',
  store: {
    name: '',
    merchantId: '',
    terminalId: '',
    // No number is a default: the right one is on the terminal's sticker or in the contract.
    hotlines: { acquirer: '', posService: '', bank: '' },
    keepCards: false,
  },
  payments: ['cash', 'wechat', 'alipay', 'unionpay-qr'],
  devices: { printer: null, terminal: null },
  monitor: { intervalSeconds: 30 },
  network: { dnsName: 'www.95516.com', paymentHost: '', paymentPort: 443, gateway: '', acquirerHost: '', acquirerPort: null },
  fleet: DEFAULT_FLEET,
  setup: { state: 'pending', at: null },
};

/**
 * A partial change from the settings screen or the CLI. Nested groups are merged one level
 * deep, so changing one hotline does not need the others.
 */
export const settingsPatchSchema = z
  .strictObject({
    language: settingsSchema.shape.language,
    startAtLogin: settingsSchema.shape.startAtLogin,
    shortcut: settingsSchema.shape.shortcut,
    store: z
      .strictObject({
        name: settingsSchema.shape.store.shape.name,
        merchantId: typedId(unionPayMerchantId),
        terminalId: typedId(unionPayTerminalId),
        hotlines: z.strictObject({ acquirer: typedPhone, posService: typedPhone, bank: typedPhone }).partial(),
        keepCards: z.boolean(),
      })
      .partial(),
    payments: settingsSchema.shape.payments,
    devices: z.strictObject(settingsSchema.shape.devices.shape).partial(),
    monitor: z.strictObject(settingsSchema.shape.monitor.shape).partial(),
    // Full-width digits and dots from a Chinese input method are the address the user meant.
    network: z
      .strictObject({
        ...settingsSchema.shape.network.shape,
        gateway: z
          .string()
          .transform((v) => v.normalize('NFKC'))
          .pipe(gatewayAddress),
        acquirerHost: typedAcquirerHost,
        acquirerPort: typedAcquirerPort,
      })
      .partial(),
    fleet: z.strictObject({ ...fleetSettingsSchema.shape, policyKey: typedPolicyKey }).partial(),
    setup: z.strictObject(setupSchema.shape),
  })
  .partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
