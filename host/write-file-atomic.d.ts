/**
 * Types for write-file-atomic 6 (the package ships none). Only host/atomic-write.ts imports the
 * package; everything else on the main side writes through that module.
 */
declare module 'write-file-atomic' {
  interface Options {
    encoding?: BufferEncoding;
    mode?: number;
    chown?: { uid: number; gid: number };
    fsync?: boolean;
  }
  function writeFileAtomic(filename: string, data: string | Uint8Array, options?: Options | BufferEncoding): Promise<void>;
  namespace writeFileAtomic {
    function sync(filename: string, data: string | Uint8Array, options?: Options | BufferEncoding): void;
  }
  export default writeFileAtomic;
}
