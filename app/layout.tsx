import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ServiceWorkerRegistrar } from "@/components/pwa/service-worker-registrar";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cockpit", template: "%s · Cockpit" },
  applicationName: "Cockpit",
  description: "Control room for your agents",
  appleWebApp: { capable: true, title: "Cockpit", statusBarStyle: "black-translucent" },
  icons: { apple: [{ url: "/icons/icon-dark-192.png", sizes: "192x192" }] },
};
export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // Edge to edge on notched phones; the shell pads itself with env(safe-area-inset-*).
  viewportFit: "cover",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
        <ServiceWorkerRegistrar />
      </body>
    </html>
  );
}
