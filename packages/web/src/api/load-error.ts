/** Why a request to the server failed, in a form the interface can translate. */
export type LoadError =
  /** The server answered with an error body; its message is already translated. */
  | { readonly kind: 'server'; readonly message: string; readonly requestId: string }
  /** No answer: the network or the server is down. */
  | { readonly kind: 'unreachable' }
  /** An answer that is not what the API promises. */
  | { readonly kind: 'unexpected'; readonly status: number };

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LoadError };

/** The state of something fetched from the server. */
export type Remote<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: LoadError }
  | { readonly state: 'ready'; readonly value: T };
