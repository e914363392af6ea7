using Spectre.Console;

namespace Fetch.Build.Tool.Output;

/// <summary>
/// Where the tool writes: data to stdout, messages and progress to stderr (SPEC §8). Neither gets a
/// colour or cursor code when it is redirected or <c>NO_COLOR</c> is set; progress bars are drawn
/// only on a terminal.
/// </summary>
internal sealed class ToolConsole
{
    private ToolConsole(IAnsiConsole data, IAnsiConsole messages, bool messagesOnTerminal, bool canAsk)
    {
        Data = data;
        Messages = messages;
        MessagesOnTerminal = messagesOnTerminal;
        CanAsk = canAsk;
    }

    /// <summary>stdout: data only.</summary>
    public IAnsiConsole Data { get; }

    /// <summary>stderr: messages, warnings, progress.</summary>
    public IAnsiConsole Messages { get; }

    /// <summary>stderr is a terminal that takes cursor codes: progress may be drawn as bars.</summary>
    public bool MessagesOnTerminal { get; }

    /// <summary>A person can be asked a question: stdin and stderr are a terminal.</summary>
    public bool CanAsk { get; }

    public static ToolConsole ForProcess()
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var dumb = Environment.GetEnvironmentVariable("TERM") == "dumb";
        var outAnsi = !noColor && !dumb && !Console.IsOutputRedirected;
        var errorAnsi = !noColor && !dumb && !Console.IsErrorRedirected;
        var data = Create(Console.Out, outAnsi);
        if (Console.IsOutputRedirected)
        {
            // A file or a pipe gets whole rows, never wrapped at some default width.
            data.Profile.Width = 400;
        }

        return new ToolConsole(data, Create(Console.Error, errorAnsi), errorAnsi, !Console.IsInputRedirected && !Console.IsErrorRedirected);
    }

    /// <summary>One line on stderr saying why the command failed.</summary>
    public static void Fail(string message) => Message("dotnet fetch: " + message);

    /// <summary>A line of data on stdout, as it is: never wrapped or marked up (Spectre wraps text at the console's width).</summary>
    public static void WriteData(string line) => Console.Out.WriteLine(line);

    /// <summary>A message line on stderr, as it is.</summary>
    public static void Message(string line) => Console.Error.WriteLine(line);

    private static IAnsiConsole Create(TextWriter writer, bool ansi) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
        ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = ansi ? InteractionSupport.Yes : InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });
}
