// Starts `cognito-lint server` for Terraform, tfvars and config files, with the
// `cognito-lint.*` settings passed as the server's settings (and again when they change).
import { workspace, ExtensionContext } from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

const SECTION = "cognito-lint";

function settings(): Record<string, unknown> {
  const config = workspace.getConfiguration(SECTION);
  return {
    select: config.get("select"),
    ignore: config.get("ignore"),
    severity: config.get("severity"),
    vars: config.get("vars"),
    varFiles: config.get("varFiles"),
    config: config.get("config"),
    noConfig: config.get("noConfig"),
    showUnknown: config.get("showUnknown"),
  };
}

export async function activate(context: ExtensionContext): Promise<void> {
  // An empty path means the one on PATH.
  const command = workspace.getConfiguration(SECTION).get<string>("path") || "cognito-lint";
  const serverOptions: ServerOptions = { command, args: ["server"] };
  const patterns = [
    "**/*.tf",
    "**/*.tofu",
    "**/*.tf.json",
    "**/*.tofu.json",
    "**/*.tfvars",
    "**/.cognito-lint.hcl",
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector: patterns.map((pattern) => ({ scheme: "file", pattern })),
    // The server reads the same shape at start and on change (below).
    initializationOptions: settings(),
  };
  client = new LanguageClient(SECTION, "cognito-lint", serverOptions, clientOptions);
  context.subscriptions.push(
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION) && client) {
        void client.sendNotification("workspace/didChangeConfiguration", {
          settings: { [SECTION]: settings() },
        });
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
