// @plenum/crypto: the Belenios protocol (issue 7), pure: no I/O, runs in Node and the browser.
export {};
