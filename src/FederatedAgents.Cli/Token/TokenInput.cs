namespace FederatedAgents.Cli.Token;

/// <summary>A token given on the command line: the token itself, <c>@file</c>, or <c>-</c> for standard input.</summary>
internal static class TokenInput
{
    /// <summary>The token, trimmed; throws <see cref="IOException"/> naming the file when it cannot be read.</summary>
    public static async Task<string> ReadAsync(CliContext context, string value, CancellationToken cancellationToken)
    {
        if (value == "-")
        {
            return (await (context.In ?? TextReader.Null).ReadToEndAsync(cancellationToken)).Trim();
        }

        if (!value.StartsWith('@'))
        {
            return value.Trim();
        }

        var path = context.FullPath(value[1..]);
        return File.Exists(path)
            ? (await File.ReadAllTextAsync(path, cancellationToken)).Trim()
            : throw new IOException($"The token file {context.Display(path)} does not exist.");
    }
}
