using System.Diagnostics;
using System.Globalization;

namespace FederatedAgents.Benchmarks.Authority;

/// <summary>
/// Whole-system throughput of the authority, side by side with the ES256 floors measured in the same run.
/// Client-credentials tokens/s (floor 1/sign) and token exchanges/s with a distinct identity-provider
/// subject token each time (floor 1/(verify + sign)), both over reused HTTP/2 TLS connections with
/// tls_client_auth, the client in this same process. A warm-up round is discarded; then three rounds, each
/// measuring both throughputs and the floors, so every ratio compares figures taken moments apart (goal ≥ 0.5).
/// On a busy machine elapsed times say little, so CPU time per request is reported too, with the ratio it implies on idle cores.
/// Run: dotnet run -c Release --project tests/FederatedAgents.Benchmarks -- authority [seconds per round] [requests in flight]
/// </summary>
internal static class AuthorityThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        var round = TimeSpan.FromSeconds(seconds);
        await using var authority = await BenchAuthority.StartAsync();
        var tokenEndpoint = new Uri($"{authority.Issuer}/token");
        var people = authority.PersonTokens(20_000);
        var next = -1;
        Func<KeyValuePair<string, string>[]> clientCredentials = () => [new("grant_type", "client_credentials"), new("client_id", BenchAuthority.ClientId)];
        Func<KeyValuePair<string, string>[]> exchange = () =>
        [
            new("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            new("client_id", BenchAuthority.ClientId),
            new("subject_token", people[(int)((uint)Interlocked.Increment(ref next) % people.Count)]),
            new("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"),
        ];

        var metadata = new Uri($"{authority.Issuer}/.well-known/oauth-authorization-server");
        await MeasureAsync(authority.Http, tokenEndpoint, clientCredentials, concurrency, round);
        await MeasureAsync(authority.Http, tokenEndpoint, exchange, concurrency, round);
        var rounds = new List<Round>();
        for (var i = 0; i < 3; i++)
        {
            var cc = await MeasureAsync(authority.Http, tokenEndpoint, clientCredentials, concurrency, round);
            var exchanges = await MeasureAsync(authority.Http, tokenEndpoint, exchange, concurrency, round);
            var transport = await MeasureAsync(authority.Http, metadata, null, concurrency, round);
            var (sign, verify) = CryptoFloor.Measure(TimeSpan.FromSeconds(1));
            rounds.Add(new Round(cc.Rate, cc.CpuPerRequest, exchanges.Rate, exchanges.CpuPerRequest, transport.CpuPerRequest, sign, verify));
        }

        Report(rounds, concurrency, round);
        return 0;
    }

    /// <summary>
    /// Requests per second, and CPU microseconds of the whole process (client and authority) per request:
    /// POSTs of <paramref name="form"/>, or GETs when it is null.
    /// </summary>
    private static async Task<(double Rate, double CpuPerRequest)> MeasureAsync(
        HttpClient http, Uri endpoint, Func<KeyValuePair<string, string>[]>? form, int concurrency, TimeSpan duration)
    {
        long succeeded = 0;
        var cpu = CpuTime.Start();
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                using var response = form is null ? await http.GetAsync(endpoint) : await http.PostAsync(endpoint, new FormUrlEncodedContent(form()));
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"The authority answered {(int)response.StatusCode}: {body}");
                }

                Interlocked.Increment(ref succeeded);
            }
        }));
        await Task.WhenAll(workers);
        return (succeeded / watch.Elapsed.TotalSeconds, cpu.Elapsed.TotalMicroseconds / succeeded);
    }

    private static void Report(List<Round> rounds, int concurrency, TimeSpan duration)
    {
        static string All(IEnumerable<double> values, string format) => string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
        void Line(string text) => Console.WriteLine(text);
        var cores = Environment.ProcessorCount;
        Line(FormattableString.Invariant($"{concurrency} requests in flight over HTTP/2 + TLS (tls_client_auth), {duration.TotalSeconds:0} s rounds; each round: client credentials, exchange, then the ES256 floors; medians of 3 rounds."));
        Line(FormattableString.Invariant($"  ES256 floor (elapsed)  sign {Median(rounds.Select(r => r.Sign.Elapsed)),6:0.0} µs   verify {Median(rounds.Select(r => r.Verify.Elapsed)),6:0.0} µs   rounds sign {All(rounds.Select(r => r.Sign.Elapsed), "0.0")}; verify {All(rounds.Select(r => r.Verify.Elapsed), "0.0")}"));
        Line(FormattableString.Invariant($"  ES256 floor (CPU)      sign {Median(rounds.Select(r => r.Sign.Cpu)),6:0.0} µs   verify {Median(rounds.Select(r => r.Verify.Cpu)),6:0.0} µs"));
        Line(FormattableString.Invariant($"  client credentials  {Median(rounds.Select(r => r.ClientCredentials)),7:0} tokens/s     ratio to 1/sign          {Median(rounds.Select(r => r.ClientCredentialsRatio)):0.00}   rounds {All(rounds.Select(r => r.ClientCredentials), "0")}; ratios {All(rounds.Select(r => r.ClientCredentialsRatio), "0.00")}"));
        Line(FormattableString.Invariant($"  token exchange      {Median(rounds.Select(r => r.Exchanges)),7:0} exchanges/s  ratio to 1/(verify+sign) {Median(rounds.Select(r => r.ExchangeRatio)):0.00}   rounds {All(rounds.Select(r => r.Exchanges), "0")}; ratios {All(rounds.Select(r => r.ExchangeRatio), "0.00")}"));
        Line(FormattableString.Invariant($"  CPU per request (client + authority): client credentials {Median(rounds.Select(r => r.ClientCredentialsCpu)):0} µs, exchange {Median(rounds.Select(r => r.ExchangeCpu)):0} µs, GET of the metadata (transport alone) {Median(rounds.Select(r => r.TransportCpu)):0} µs"));
        Line(FormattableString.Invariant($"  from CPU time, on {cores} idle cores: client credentials ratio {Median(rounds.Select(r => r.Sign.Cpu * cores / r.ClientCredentialsCpu)):0.00}, exchange ratio {Median(rounds.Select(r => (r.Sign.Cpu + r.Verify.Cpu) * cores / r.ExchangeCpu)):0.00}"));
        Line($"  processors: {cores}; client and authority share this process. Goal: ratios >= 0.5.");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>One round's throughputs, CPU µs per request, and floors, and the ratios of each throughput to its floor.</summary>
    private sealed record Round(double ClientCredentials, double ClientCredentialsCpu, double Exchanges, double ExchangeCpu, double TransportCpu, Cost Sign, Cost Verify)
    {
        public double ClientCredentialsRatio => ClientCredentials / (1e6 / Sign.Elapsed);

        public double ExchangeRatio => Exchanges / (1e6 / (Sign.Elapsed + Verify.Elapsed));
    }
}
