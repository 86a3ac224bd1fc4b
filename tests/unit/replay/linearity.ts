import v8 from "node:v8";
import vm from "node:vm";

// Linear-time checks (security review H4): cost ratios of a large input to a small one, in CPU
// time, never wall-clock limits.

// Strings that made the old scrubbers and masker slow: near-misses of IBANs and card numbers, valid
// ones by the thousand, digit runs.
export const ADVERSARIAL_SHAPES: Record<string, string> = {
  "IBAN starts": "AB12 ",
  "one-digit groups": "1 ",
  "digit groups": "4111 ",
  "valid cards": "4111 1111 1111 1111 ",
  "valid IBANs": "FR76 3000 6000 0112 3456 7890 189 ",
  "IBAN starts and digits": "AB12 1 ",
  "long digit run": "1234567890",
};
export const MB = 1024 * 1024;
export const sized = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

// A full collection before each measured run, so that no run pays for the garbage of the one before.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

// CPU time of this process (wall time is stretched by the other processes of a shared machine).
function cpuMs(run: () => void): number {
  collectGarbage();
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

// How much more the large input costs than the small one: the median of a few rounds, each
// comparing runs made close together, so that the machine's changing load weighs on both alike.
export function costRatio(small: () => void, large: () => void, rounds = 5): number {
  // Warm-up: both sizes once, so that neither pays for the compiler's first passes.
  small();
  large();
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const smallMs = [cpuMs(small), cpuMs(small), cpuMs(small)].sort((a, b) => a - b)[1]!;
    ratios.push(cpuMs(large) / smallMs);
  }
  return ratios.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}
