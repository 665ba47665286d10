/**
 * Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it when missing — a browser is never downloaded
 * any other way), with the flags this machine needs: no sandbox as root, and no background connections, which the
 * closed network refuses.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
