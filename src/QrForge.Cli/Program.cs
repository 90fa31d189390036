using System.Text;
using QrForge.Cli;

// Half blocks and ANSI output need UTF-8 whatever the terminal's locale says.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stdin = Console.IsInputRedirected ? Console.OpenStandardInput() : null;
return CliApp.Run(args, new CliConsole(stdin, Console.Out, Console.Error));
