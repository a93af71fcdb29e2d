import { createInterface } from "node:readline";

/** A password from standard input (one line) or, on a terminal, from a prompt that does not echo. */
export async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
  }
  process.stdout.write("Password: ");
  const rl = createInterface({ input: process.stdin, terminal: true });
  // Mute the echo of typed characters.
  (rl as unknown as { _writeToOutput: () => void })._writeToOutput = () => undefined;
  const password = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return password;
}
