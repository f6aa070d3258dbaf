using FederatedAgents.Grpc.Classification;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedAgents.Gateway.Egress;

/// <summary>
/// Reads the <c>federatedagents.classification</c> and <c>federatedagents.message_classification</c>
/// options from descriptors, whatever built them. The options are re-parsed with this assembly's
/// extensions because a descriptor built from a descriptor set without an extension registry keeps
/// them as unknown fields, and one compiled against another copy of options.proto holds them under
/// other CLR types; reading them directly would then see PUBLIC and fail open.
/// </summary>
internal static class ClassificationOptions
{
    private static readonly ExtensionRegistry s_extensions = [OptionsExtensions.Classification, OptionsExtensions.MessageClassification];

    private static readonly MessageParser<FieldOptions> s_fieldOptions = FieldOptions.Parser.WithExtensionRegistry(s_extensions);

    private static readonly MessageParser<MessageOptions> s_messageOptions = MessageOptions.Parser.WithExtensionRegistry(s_extensions);

    public static ClassificationSet Of(FieldDescriptor field) =>
        field.GetOptions() is { } options
            ? ClassificationSet.Of(s_fieldOptions.ParseFrom(options.ToByteString()).GetExtension(OptionsExtensions.Classification))
            : ClassificationSet.None;

    public static ClassificationSet Of(MessageDescriptor message) =>
        message.GetOptions() is { } options
            ? ClassificationSet.Of(s_messageOptions.ParseFrom(options.ToByteString()).GetExtension(OptionsExtensions.MessageClassification))
            : ClassificationSet.None;
}
