using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorKeys.Actors.Inbound;

/// <summary>
/// The one inbound allow-list of both systems. Every serializer a peer can name by identifier is one of these
/// (reference.conf replaces each of Akka's under its own name), so from the network a system accepts only AK1
/// messages, the actor-selection envelope, the remote watcher's heartbeats and the death-watch system messages.
/// <see cref="Verify"/> refuses to start a system whose configuration registers any other serializer, so that a
/// HOCON file, a package update or a plugin cannot quietly widen it.
/// </summary>
public static class InboundAllowList
{
    /// <summary>The serializer types a system may register; each refuses or narrows what it decodes.</summary>
    public static readonly IReadOnlySet<Type> SerializerTypes = new HashSet<Type>
    {
        typeof(Serialization.Ak1Serializer),
        typeof(RefusingSerializer),
        typeof(AllowListedMiscSerializer),
        typeof(AllowListedContainerSerializer),
        typeof(AllowListedSystemMessageSerializer),
    };

    /// <summary>
    /// Checks a started system: its whole configuration, Akka's own defaults and every plugin's included (Akka.Hosting
    /// brings Akka.Streams, which registers a serializer of its own), and no serializer added in code through a
    /// <see cref="SerializationSetup"/>. Throws <see cref="ConfigurationException"/>, which stops the host.
    /// </summary>
    public static void VerifyRunning(ActorSystem system)
    {
        Verify(system.Settings.Config);
        if (system.Settings.Setup.Get<SerializationSetup>().HasValue)
        {
            throw new ConfigurationException(
                "A serializer was added in code (SerializationSetup); ActorKeys systems take their serializers from the configuration only, where the inbound allow-list checks them.");
        }
    }

    /// <summary>Throws <see cref="ConfigurationException"/> naming the first serializer that is not on the list.</summary>
    public static void Verify(Config config)
    {
        // Tools that add a serializer of their own (the benchmark's plaintext baseline) name its type here, explicitly.
        var extra = config.HasPath("actorkeys.inbound.extra-serializer-types")
            ? config.GetStringList("actorkeys.inbound.extra-serializer-types").ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var (name, value) in config.GetConfig("akka.actor.serializers").AsEnumerable())
        {
            var typeName = value.GetString();
            var type = Type.GetType(typeName);
            if (extra.Contains(typeName))
            {
                continue;
            }
            if (type is null || !SerializerTypes.Contains(type))
            {
                throw new ConfigurationException(
                    $"akka.actor.serializers.{name} = \"{typeName}\" is not one of ActorKeys' inbound serializers; remove it "
                    + "from the configuration (every serializer a peer can name must refuse what ActorKeys does not need).");
            }
        }
    }
}
