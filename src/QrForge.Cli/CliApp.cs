using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace QrForge.Cli;

/// <summary>
/// The in-process entry point: builds the root command from one class per command, parses, runs, and turns
/// every failure into one line on standard error and an exit code (see <see cref="ExitCodes"/>).
/// </summary>
internal static class CliApp
{
    /// <summary>The prefix of every error line.</summary>
    public const string ErrorPrefix = "qrforge: ";

    // Response files (@file) are off: "@someone" is ordinary QR content, not a file to expand.
    private static readonly ParserConfiguration ParserConfig = new() { ResponseFileTokenReplacer = null };

    public static RootCommand BuildRootCommand(CliConsole console)
    {
        var root = new RootCommand("qrforge: make and read QR codes.");
        root.Add(EncodeCommand.Create(console));
        root.Add(DecodeCommand.Create(console));
        root.Add(ServerCommands.Serve(console));
        root.Add(ServerCommands.Db(console));
        root.Add(ServerCommands.Codes(console));
        root.Add(UserCommands.Users(console));
        root.Add(PassesCommand.Create(console));
        root.Add(Doctor.DoctorCommand.Create(console));
        root.Add(Repl.ConsoleCommand.Create(console));
        root.Add(Client.ApiCommands.Links(console));
        root.Add(Client.ApiCommands.Jobs(console));
        return root;
    }

    /// <summary>Runs the command line <paramref name="args"/> and returns the process exit code.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        try
        {
            var parseResult = BuildRootCommand(console).Parse(args, ParserConfig);
            if (UnknownOption(parseResult) is string unknown)
            {
                return Fail(console, ExitCodes.Usage, $"unknown option '{unknown}' (see '{CommandName(parseResult)} --help'; text that starts with '-' goes after --)");
            }

            if (parseResult.Action is ParseErrorAction && CommandSuggestion.UnknownCommand(parseResult) is string unknownCommand)
            {
                return Fail(console, ExitCodes.Usage, unknownCommand);
            }

            if (parseResult.Action is ParseErrorAction)
            {
                return Fail(console, ExitCodes.Usage, $"{parseResult.Errors[0].Message} (see '{CommandName(parseResult)} --help')");
            }

            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                // Ctrl+C keeps its usual meaning (end the process); the console and serve handle it themselves.
                ProcessTerminationTimeout = null,
            });
        }
        catch (CliUsageException e)
        {
            return Fail(console, ExitCodes.Usage, e.Message);
        }
#pragma warning disable CA1031 // The last line of defence: no stack trace ever reaches the user.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Fail(console, ExitCodes.Failure, $"internal error: {OneLine(e.Message)}");
        }
    }

    /// <summary>Writes one error line to standard error and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(CliConsole console, int exitCode, string message)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Error.WriteLine(ErrorPrefix + OneLine(message));
        console.Error.Flush();
        return exitCode;
    }

    /// <summary>
    /// A word that looks like an option but is none: System.CommandLine binds such a word to a command's argument
    /// (or leaves it unmatched) rather than calling it unknown. Words after <c>--</c> are data.
    /// </summary>
    private static string? UnknownOption(ParseResult parseResult)
    {
        var tokens = parseResult.Tokens;
        var end = tokens.Count;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash)
            {
                end = i;
                break;
            }
        }

        var words = new List<string>(parseResult.UnmatchedTokens);
        foreach (var argument in parseResult.CommandResult.Command.Arguments)
        {
            if (parseResult.GetResult(argument) is { } result)
            {
                words.AddRange(result.Tokens.Select(t => t.Value));
            }
        }

        foreach (var word in words)
        {
            if (word.Length > 1 && word[0] == '-')
            {
                for (var i = 0; i < end; i++)
                {
                    if (tokens[i].Type == TokenType.Argument && tokens[i].Value == word)
                    {
                        return word;
                    }
                }
            }
        }

        return null;
    }

    internal static string CommandName(ParseResult parseResult) =>
        parseResult.CommandResult.Command is RootCommand ? "qrforge" : "qrforge " + parseResult.CommandResult.Command.Name;

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
