using System.Collections.Frozen;
using System.Text.Json;
using System.Runtime.Serialization;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Engine.Runtime.Persistence;

/// <summary>
/// Serializer for everything the engine journals or snapshots: System.Text.Json payloads under short, versioned,
/// explicit manifests ("order-filled.v1"), so stored rows never carry CLR type names and survive renames.
/// An unknown type or manifest is an error, never a silent fallback.
/// </summary>
public sealed class EngineSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 9001;

    internal static readonly JsonSerializerOptions Options = CreateOptions();

    private static readonly FrozenDictionary<Type, string> ManifestByType = PersistedTypes.All.ToFrozenDictionary(t => t.Type, t => t.Manifest);
    private static readonly FrozenDictionary<string, Type> TypeByManifest = PersistedTypes.All.ToFrozenDictionary(t => t.Manifest, t => t.Type);

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        ManifestByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().Name} has no manifest in {nameof(PersistedTypes)}; add one before persisting it");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        TypeByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"null payload for {manifest}")
            : throw new SerializationException($"unknown manifest '{manifest}' (written by a newer engine?)");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            Converters = { new PriceConverter(), new QuantityConverter(), new TimestampConverter(), new JsonStringEnumConverter() },
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            IncludeFields = false,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
