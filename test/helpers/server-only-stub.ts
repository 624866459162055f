// Unit tests import server modules directly; the real "server-only" marker would throw outside React's server.
export {};
