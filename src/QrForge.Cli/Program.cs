using System.Text;
using QrForge.Cli;

// Half blocks and ANSI output need UTF-8 whatever the terminal's locale says.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stdin = Console.IsInputRedirected ? Console.OpenStandardInput() : null;
// Colours only on a terminal, and never when NO_COLOR is set (the common convention) or TERM is dumb.
var colours = !Console.IsOutputRedirected
    && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
    && Environment.GetEnvironmentVariable("TERM") != "dumb";
return CliApp.Run(args, new CliConsole(stdin, Console.Out, Console.Error, colours));
