import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // .next/standalone: server.js with only the node_modules files it needs; the image runs that (Dockerfile)
  output: "standalone",
};

export default nextConfig;
