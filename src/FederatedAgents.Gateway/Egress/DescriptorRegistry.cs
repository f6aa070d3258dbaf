using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// The services a gateway fronts, from compiled descriptors (a generated <c>…Reflection.Descriptor</c>)
/// and from descriptor set files (<see cref="LoadDescriptorSet"/>). Resolves a request path to its method,
/// whose input and output types the egress filter needs. Every service is taken from exactly one file:
/// a service defined twice is a configuration error.
/// </summary>
internal sealed class DescriptorRegistry
{
    private readonly FrozenDictionary<string, MethodDescriptor> _methods;

    public DescriptorRegistry(IEnumerable<FileDescriptor> files)
    {
        var services = new Dictionary<string, ServiceDescriptor>(StringComparer.Ordinal);
        foreach (var service in files.SelectMany(file => file.Services))
        {
            if (services.TryGetValue(service.FullName, out var known) && known != service)
            {
                throw new InvalidOperationException(
                    $"Service {service.FullName} is defined twice, by {known.File.Name} and {service.File.Name}. "
                    + "Give the gateway each service's descriptors once (either compiled in or from one descriptor set).");
            }

            services[service.FullName] = service;
        }

        _methods = services.Values
            .SelectMany(service => service.Methods)
            .ToFrozenDictionary(method => $"/{method.Service.FullName}/{method.Name}", StringComparer.Ordinal);
    }

    /// <summary>Finds the method of a gRPC request path, <c>/package.Service/Method</c> (case-sensitive).</summary>
    public bool TryFindMethod(string path, [NotNullWhen(true)] out MethodDescriptor? method) => _methods.TryGetValue(path, out method);

    /// <summary>
    /// Builds the files of a binary <c>FileDescriptorSet</c>, as written by
    /// <c>protoc --include_imports --descriptor_set_out=FILE</c>. Throws <see cref="InvalidOperationException"/>
    /// naming the file and the fix when it cannot be read, parsed or built.
    /// </summary>
    public static IReadOnlyList<FileDescriptor> LoadDescriptorSet(string path)
    {
        const string Fix = "Write it with protoc --include_imports --descriptor_set_out=FILE followed by the service's .proto files.";
        FileDescriptorSet set;
        try
        {
            using var stream = File.OpenRead(path);
            set = FileDescriptorSet.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidOperationException($"{path} is not a protobuf FileDescriptorSet ({ex.Message}). {Fix}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot read the descriptor set {path}: {ex.Message}", ex);
        }

        if (set.File.Count == 0)
        {
            throw new InvalidOperationException($"The descriptor set {path} holds no files. {Fix}");
        }

        try
        {
            return FileDescriptor.BuildFromByteStrings(set.File.Select(file => file.ToByteString()));
        }
        catch (Exception ex) when (ex is DescriptorValidationException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"The descriptor set {path} is incomplete or inconsistent: {ex.Message}. Every imported file must be in it, before the files importing it. {Fix}", ex);
        }
    }
}
