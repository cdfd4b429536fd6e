import { createHash, randomBytes } from "node:crypto";

/**
 * A user's browser, reduced to what an OpenID Connect login needs: cookies, manual redirects and
 * submitting oidc-provider's dev-interaction forms (login, then consent when asked).
 */
export class Browser {
  private readonly cookies = new Map<string, string>();

  async request(url: string, form?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers["cookie"] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      headers,
      body: form && new URLSearchParams(form).toString(),
      redirect: "manual",
    });
    for (const cookie of response.headers.getSetCookie()) this.store(cookie);
    return response;
  }

  /** One host only, so paths and domains can be ignored; an expired cookie is a deletion. */
  private store(setCookie: string): void {
    const [pair = "", ...attributes] = setCookie.split(";");
    const separator = pair.indexOf("=");
    const name = pair.slice(0, separator).trim();
    const expired = attributes.some((attribute) => {
      const [key = "", value = ""] = attribute.trim().split("=");
      return (
        (key.toLowerCase() === "expires" && Date.parse(value) <= Date.now()) || (key.toLowerCase() === "max-age" && Number(value) <= 0)
      );
    });
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, pair.slice(separator + 1).trim());
  }
}

/**
 * Follows an authorization request through sign-in (and consent, when prompted) until the
 * provider redirects to `redirectUri`; returns that redirect, which carries the code or error.
 */
export async function signIn(browser: Browser, authorizationUrl: string, redirectUri: string, login: string): Promise<URL> {
  let url = authorizationUrl;
  let form: Record<string, string> | undefined;
  for (let step = 0; step < 10; step++) {
    const response = await browser.request(url, form);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUri)) return next;
      [url, form] = [next.href, undefined];
      continue;
    }
    const page = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !prompt || !action)
      throw new Error(`unexpected HTTP ${response.status} at ${url}: ${page.slice(0, 500)}`);
    url = new URL(action.replaceAll("&amp;", "&"), url).href;
    // Dev interactions accept any password: the login names the account.
    form = prompt === "login" ? { prompt, login, password: "not-checked" } : { prompt };
  }
  throw new Error(`no redirect to ${redirectUri} after 10 steps`);
}

/** RFC 7636 S256. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}
