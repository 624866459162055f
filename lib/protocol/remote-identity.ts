/**
 * A git remote URL made into a repository identity, so one repository cloned on two machines (one over https, one
 * over ssh) is recognised as one: `github.com/owner/repo`. Credentials, ports, `.git` and case are dropped.
 * Local remotes (a path or file://) become `file:/abs/path`. Returns null for what is not a remote URL.
 */
export function remoteIdentity(url: string, baseDir?: string): string | null {
  const input = url.trim();
  if (!input || input.length > 2048 || /[\s\0]/.test(input)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input)?.[1]?.toLowerCase();
  // An identity already made from a local remote (file:/abs/path), as the web stores it.
  if (/^file:\/(?!\/)/i.test(input)) return localIdentity(input.slice("file:".length), baseDir);
  if (scheme === "file") return localIdentity(decodeURIComponent(input.replace(/^file:\/\//i, "")), baseDir);
  if (scheme) {
    let parsed: URL;
    try {
      // git+ssh, ssh+git and the like parse like ssh.
      parsed = new URL(input.replace(/^[^:]+:\/\//, "ssh://"));
    } catch {
      return null;
    }
    if (!parsed.hostname) return null;
    return joinIdentity(parsed.hostname, decodeURIComponent(parsed.pathname));
  }
  // scp-like: [user@]host:path, where no slash comes before the colon (otherwise it is a local path).
  const scp = /^(?:[^@/:]+@)?(\[[^\]]+\]|[^/:]+):(?!\/\/)(.*)$/.exec(input);
  if (scp && !/^[A-Za-z]$/.test(scp[1] ?? "")) return joinIdentity((scp[1] ?? "").replace(/^\[|\]$/g, ""), scp[2] ?? "");
  if (input.startsWith("/") || input.startsWith(".") || input.startsWith("~")) return localIdentity(input, baseDir);
  // Already an identity (host/owner/repo), as a person types it into requiresRepo.
  const [host, ...rest] = input.split("/");
  return host && rest.length > 0 ? joinIdentity(host, rest.join("/")) : null;
}

function joinIdentity(host: string, path: string): string | null {
  const cleanPath = stripPath(path);
  if (!cleanPath) return null;
  return `${host.toLowerCase()}/${cleanPath.toLowerCase()}`.slice(0, 300);
}

function stripPath(path: string): string {
  return path
    .replace(/^\/+|\/+$/g, "")
    .replace(/^~[^/]*\//, "")
    .replace(/\.git$/i, "")
    .replace(/\/+$/g, "")
    .replace(/\/{2,}/g, "/");
}

function localIdentity(path: string, baseDir: string | undefined): string | null {
  let absolute = path;
  if (!absolute.startsWith("/")) {
    if (!baseDir) return null;
    absolute = `${baseDir.replace(/\/+$/, "")}/${absolute}`;
  }
  const parts: string[] = [];
  for (const part of absolute.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  const joined = parts
    .join("/")
    .replace(/\/\.git$/i, "")
    .replace(/\.git$/i, "");
  return joined ? `file:/${joined}`.slice(0, 300) : null;
}
