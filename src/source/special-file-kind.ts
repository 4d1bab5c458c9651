/** The parts of fs.Stats / fs.Dirent that say what kind of entry it is. */
export interface EntryTypes {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isDirectory(): boolean;
}

/**
 * What an entry that is no regular file is, for messages that refuse it (a FIFO would block the first
 * read forever, a device might never end).
 *
 * @example
 *   specialFileKind(statSync("/dev/null")); // "a device"
 */
export function specialFileKind(info: EntryTypes): string {
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isDirectory()) return "a folder";
  return "a special file";
}
