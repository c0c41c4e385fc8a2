import type { Text } from '../i18n';

/** A COM port named in a client's ini file. */
export interface ComSetting {
  /** "COM3" */
  port: string;
  /** 1-based line in the file, and the line as written, for the technician. */
  line: number;
  text: string;
}

export interface MisClientFound {
  /** The library as it is named on disk. */
  file: string;
  client: Text;
  folder: string;
  /** COM ports named in the ini files beside it, with where each was read. */
  comPorts: (ComSetting & { file: string })[];
  /** Its own logs: *.log beside it and a log / logs folder. */
  logs: string[];
}

export interface MisClientScan {
  /** False where there is nothing to look for (not Windows). */
  applies: boolean;
  found: MisClientFound[];
  /** Folders that exist but could not be read (permission), said rather than skipped silently. */
  unreadable: string[];
}
