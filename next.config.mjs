import createNextIntlPlugin from "next-intl/plugin";

// The locale comes from the account or Accept-Language, not the URL (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Type checking is a step of its own (`npm run typecheck`, the first step of `npm test`) and
  // covers tests and benchmarks too; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // forbidden() / unauthorized() in pages answer 403 / 401 instead of rendering a 200.
  experimental: { authInterrupts: true },
  // Security headers for every response; the Content-Security-Policy (with a per-request script
  // nonce, and frame-ancestors) is set in proxy.ts. The agent panel (/embed) is framed by a
  // helpdesk: no X-Frame-Options (it would forbid that; frame-ancestors decides there) and no
  // opener policy (it lives in the helpdesk's window).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        ],
      },
      ...["/", "/:path((?!embed(?:/|$)).*)"].map((source) => ({
        source,
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      })),
    ];
  },
};

export default withNextIntl(nextConfig);
