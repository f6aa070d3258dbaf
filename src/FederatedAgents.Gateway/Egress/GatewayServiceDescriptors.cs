using Google.Protobuf.Reflection;

namespace FederatedAgents.Gateway.Egress;

/// <summary>Compiled descriptors added with <c>AddServiceDescriptors</c>; together they make the gateway's <see cref="DescriptorRegistry"/>.</summary>
internal sealed record GatewayServiceDescriptors(IReadOnlyList<FileDescriptor> Files);
