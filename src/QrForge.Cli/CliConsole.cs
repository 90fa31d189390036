namespace QrForge.Cli;

/// <summary>The standard streams a command works with, so tests can run commands in process.</summary>
/// <param name="In">Standard input when it is redirected (a pipe or a file); null when it is a terminal.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="TerminalColours">Standard output is a terminal that takes ANSI colours (not redirected, no <c>NO_COLOR</c>).</param>
internal sealed record CliConsole(Stream? In, TextWriter Out, TextWriter Error, bool TerminalColours = false);
