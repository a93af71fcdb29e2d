import { createContext, useContext } from "react";

/**
 * The request's Content-Security-Policy nonce, for the scripts Remix renders inline. Browsers hide the
 * nonce attribute from scripts, so on the client the value is empty and React leaves the attribute alone.
 */
const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
