import type { MetadataRoute } from "next";

/** The installable app: opens on the overview, standalone, in the dashboard's own colours (served at /manifest.webmanifest). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Cockpit",
    short_name: "Cockpit",
    description: "Control room for your agents",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "any",
    theme_color: "#020617",
    background_color: "#020617",
    icons: [
      { src: "/icons/icon-light.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-light-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-light-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      // Full-bleed squares, so launchers may crop them to their own shape.
      { src: "/icons/icon-dark-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon-dark-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
