using System.Globalization;
using System.Text.Json;
using FederatedAgents.Tokens.Validation;
using Spectre.Console;

namespace FederatedAgents.Cli.Token;

/// <summary>Prints a validated token: its header facts and lifetime, the delegation chain as a tree, and every claim.</summary>
internal static class InspectionReport
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(CliContext context, ValidatedToken token)
    {
        var facts = Facts(context, token);
        if (context.PlainOutput)
        {
            foreach (var (name, value) in facts)
            {
                context.Out.WriteLine($"{name,-9} {value}");
            }
        }
        else
        {
            var table = new Table().AddColumns("", "");
            table.HideHeaders();
            foreach (var (name, value) in facts)
            {
                table.AddRow(new Text(name), new Text(value));
            }

            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) }).Write(table);
        }

        if (token.Chain is { } chain)
        {
            context.Out.WriteLine();
            context.Out.WriteLine("delegation chain:");
            context.Out.WriteLine(chain.ToTree());
        }

        context.Out.WriteLine();
        context.Out.WriteLine("claims:");
        context.Out.WriteLine(JsonSerializer.Serialize(token.Claims, s_indented));
    }

    private static List<(string Name, string Value)> Facts(CliContext context, ValidatedToken token)
    {
        var now = context.Time.GetUtcNow();
        var facts = new List<(string, string)>
        {
            ("valid", $"{token.Kind.Name} ({token.Kind.Type}) from {token.Issuer}"),
            ("signed", $"{token.Algorithm} with key {token.KeyId}"),
        };
        if (token.IssuedAt is { } issued)
        {
            facts.Add(("issued", Time(issued)));
        }

        if (token.ExpiresAt is { } expires)
        {
            var left = expires - now;
            facts.Add(("expires", $"{Time(expires)} ({(left > TimeSpan.Zero ? $"in {Duration(left)}" : $"{Duration(-left)} ago, within the clock skew")})"));
        }

        facts.Add(("audience", string.Join(", ", token.Audiences)));
        if (token.ClientId is not null)
        {
            facts.Add(("client", token.ClientId));
        }

        if (token.JwtId is not null)
        {
            facts.Add(("jti", token.JwtId));
        }

        return facts;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : span.TotalMinutes >= 1 ? $"{span.Minutes} min {span.Seconds} s" : $"{span.Seconds} s";
}
