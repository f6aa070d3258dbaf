namespace FederatedAgents.Cli;

/// <summary>
/// What a verb may touch of its surroundings, so verbs run the same in-process under tests.
/// <see cref="PlainOutput"/> is set when stdout is redirected: no tables or colours, one fact per line.
/// <see cref="In"/> is standard input (empty when not given).
/// </summary>
internal sealed record CliContext(
    TextWriter Out, TextWriter Error, bool PlainOutput, string WorkingDirectory, TimeProvider Time, TextReader? In = null)
{
    public static CliContext FromConsole() => new(
        Console.Out, Console.Error, Console.IsOutputRedirected, Environment.CurrentDirectory, TimeProvider.System, Console.In);

    /// <summary>A path as the user typed it, made absolute against the working directory.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>A path as the user would type it: relative to the working directory when under it.</summary>
    public string Display(string path)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
