// The WHATWG globals shared/ relies on, declared as the small shapes it uses, for shared/'s own type
// check only (tsconfig.shared.json; the other projects get the full types from DOM or Node). They are
// not ECMAScript, but every process shared/ runs in has them: the renderer and its workers, Node 20
// (host, CLI, worker threads). Declaring them here instead of pulling in `lib: ["DOM"]` keeps the
// rest of the DOM (window, document, fetch, ...) a compile error in shared/.
declare global {
  interface URL {
    readonly hostname: string;
    readonly origin: string;
    readonly protocol: string;
    readonly username: string;
    readonly password: string;
  }
  var URL: { new (url: string, base?: string): URL };

  interface TextEncoder {
    encode(input?: string): Uint8Array;
  }
  var TextEncoder: { new (): TextEncoder };

  interface TextDecoder {
    decode(input?: Uint8Array): string;
  }
  var TextDecoder: { new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder };

  interface Crypto {
    getRandomValues<T extends Uint8Array>(array: T): T;
  }
  var crypto: Crypto;
}

export {};
