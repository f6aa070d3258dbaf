// Command-line flags in the style of the gRPC interop programs: --name=value or --name value.
export function parseFlags(argv, defaults) {
  const flags = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z_]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match || !(match[1] in defaults)) {
      throw new Error(`unknown argument '${argv[i]}'; expected one of ${Object.keys(defaults).map((k) => `--${k}`).join(', ')}`);
    }
    flags[match[1]] = match[2] ?? argv[++i];
    if (flags[match[1]] === undefined) {
      throw new Error(`--${match[1]} needs a value`);
    }
  }
  return flags;
}

export function parseBoolean(name, value) {
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  throw new Error(`--${name} must be true or false, not '${value}'`);
}

// The official interop protos from Debian's grpc-proto package: an independent definition of the service.
export const officialProtos = '/usr/share/grpc-proto';
