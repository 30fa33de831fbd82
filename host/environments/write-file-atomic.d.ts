/** write-file-atomic ships no types; this is the part Preflight uses. */
declare module 'write-file-atomic' {
  interface Options {
    mode?: number;
    encoding?: string;
    fsync?: boolean;
  }
  function writeFileAtomic(file: string, data: string | Buffer, options?: Options): Promise<void>;
  export default writeFileAtomic;
}
