using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.DistributedData.Durable;
using Akka.Event;
using Akka.Serialization;
using Microsoft.Data.Sqlite;

namespace ActorKeys.Actors.Core;

/// <summary>
/// DistributedData's durable store (<c>akka.cluster.distributed-data.durable.store-actor-class</c>) on the node's own
/// SQLite registry, in a table of its own: the replicated revocations and master key states survive a restart of the
/// node even when no other member is up. Akka's LMDB store fails at run time with the LightningDB served here, and the
/// registry is already the node's one durable file, 0600, backed up with the master key.
/// </summary>
/// <remarks>
/// Each <see cref="Store"/> is written at once in its own transaction (a few revocations a day, never a hot path), so a
/// change acknowledged to the replicator is on disk. The values are DistributedData's own serialized envelopes: no secret.
/// </remarks>
public sealed class SqliteDurableStore : ReceiveActor
{
    private const string CreateTable = "CREATE TABLE IF NOT EXISTS ddata_durable (key TEXT PRIMARY KEY, value BLOB NOT NULL)";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SerializerWithStringManifest _serializer;
    private readonly string _manifest;
    private readonly SqliteConnection _connection;

    /// <param name="config">The <c>akka.cluster.distributed-data.durable</c> section; <c>sqlite.path</c> names the registry.</param>
    public SqliteDurableStore(Config config)
    {
        var path = config.GetString("sqlite.path");
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ConfigurationException("akka.cluster.distributed-data.durable.sqlite.path must name the node's registry.");
        }
        _serializer = (SerializerWithStringManifest)Context.System.Serialization.FindSerializerForType(typeof(DurableDataEnvelope));
        _manifest = _serializer.Manifest(new DurableDataEnvelope(Akka.DistributedData.GCounter.Empty));
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // The registry exists (init made it, 0600): this store never creates a file of its own.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA busy_timeout = 5000");
        Execute(CreateTable);
        Receive<LoadAll>(_ => OnLoadAll());
    }

    private void OnLoadAll()
    {
        var data = ImmutableDictionary.CreateBuilder<string, DurableDataEnvelope>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT key, value FROM ddata_durable";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                data[reader.GetString(0)] = (DurableDataEnvelope)_serializer.FromBinary((byte[])reader.GetValue(1), _manifest);
            }
        }
        if (data.Count > 0)
        {
            Sender.Tell(new LoadData(data.ToImmutable()));
        }
        Sender.Tell(LoadAllCompleted.Instance);
        Become(Active);
    }

    private void Active()
    {
        Receive<Store>(store =>
        {
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "INSERT INTO ddata_durable (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
                command.Parameters.AddWithValue("$k", store.Key);
                command.Parameters.AddWithValue("$v", _serializer.ToBinary(store.Data));
                command.ExecuteNonQuery();
                store.Reply?.ReplyTo.Tell(store.Reply.SuccessMessage);
            }
            catch (SqliteException e)
            {
                _log.Error("Could not keep replicated data {0} in the registry ({1})", store.Key, e.SqliteErrorCode);
                store.Reply?.ReplyTo.Tell(store.Reply.FailureMessage);
            }
        });
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    protected override void PostStop() => _connection.Dispose();
}
