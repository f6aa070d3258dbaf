using System.CommandLine;

namespace FederatedAgents.Grpc.Bench;

/// <summary>Options several commands share.</summary>
internal static class Options
{
    public static Option<int> Payload() => NonNegative(new Option<int>("--payload")
    {
        Description = "Bytes of payload in each request (and response).",
        DefaultValueFactory = _ => 12,
    });

    public static Option<int> NonNegative(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, out var value) && value < 0)
            {
                result.AddError($"{option.Name} must not be negative.");
            }
        });
        return option;
    }
}
