using System.CommandLine;

namespace FederatedAgents.Grpc.Bench;

/// <summary>Options several commands share, and the range check for numeric ones.</summary>
internal static class Options
{
    public static Option<int> Payload() => AtLeast(0, new Option<int>("--payload")
    {
        Description = "Bytes of payload in each request (and response).",
        DefaultValueFactory = _ => 12,
    });

    /// <summary>Rejects values below <paramref name="minimum"/>; text that is not a number already fails to parse.</summary>
    public static Option<int> AtLeast(int minimum, Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, out var value) && value < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum}.");
            }
        });
        return option;
    }
}
