/** Types for write-file-atomic 6 (the package ships none): the promise form used by host/workspace-files.ts. */
declare module 'write-file-atomic' {
  interface Options {
    encoding?: BufferEncoding;
    mode?: number;
    chown?: { uid: number; gid: number };
    fsync?: boolean;
  }
  function writeFileAtomic(filename: string, data: string | Uint8Array, options?: Options | BufferEncoding): Promise<void>;
  export default writeFileAtomic;
}
