using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using Microsoft.Data.Sqlite;

namespace ActorKeys.Actors.Core;

/// <summary>
/// In the core system: keeps this node's view of its cluster in the node's registry (table <c>cluster_members</c>), so
/// <c>actorkeys cluster status</c> can show it with no listening port: each member's address, status, reachability as
/// this node sees it, and the master keyIds it holds. Rewritten whenever membership, reachability or the key holders
/// change (not on a timer: an idle cluster writes nothing).
/// </summary>
public sealed class MembershipRecorder : ReceiveActor
{
    public const string Name = "membership-recorder";

    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS cluster_members (
          address TEXT PRIMARY KEY, status TEXT NOT NULL, reachable INTEGER NOT NULL, key_ids TEXT NOT NULL,
          self INTEGER NOT NULL, updated TEXT NOT NULL)
        """;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private LWWDictionary<string, string> _holders = LWWDictionary<string, string>.Empty;

    public MembershipRecorder(string registryPath, TimeProvider time)
    {
        _time = time;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = registryPath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        _connection.Open();
        Execute(CreateTable);
        Receive<ClusterEvent.IClusterDomainEvent>(_ => Record());
        Receive<ClusterEvent.CurrentClusterState>(_ => Record());
        Receive<Changed>(c => c.Key.Equals(LifecycleReplicator.KeyHoldersKey), c =>
        {
            _holders = c.Get(LifecycleReplicator.KeyHoldersKey);
            Record();
        });
    }

    public static Props Props(string registryPath, TimeProvider time) => Akka.Actor.Props.Create(() => new MembershipRecorder(registryPath, time));

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        DistributedData.Get(Context.System).Replicator.Tell(Dsl.Subscribe(LifecycleReplicator.KeyHoldersKey, Self));
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _connection.Dispose();
    }

    private void Record()
    {
        var state = _cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var now = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using var transaction = _connection.BeginTransaction();
            Execute("DELETE FROM cluster_members", transaction);
            foreach (var member in state.Members)
            {
                using var insert = _connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO cluster_members VALUES ($a, $s, $r, $k, $self, $t)";
                insert.Parameters.AddWithValue("$a", member.Address.ToString());
                insert.Parameters.AddWithValue("$s", member.Status.ToString().ToLowerInvariant());
                insert.Parameters.AddWithValue("$r", unreachable.Contains(member.Address) ? 0 : 1);
                insert.Parameters.AddWithValue("$k", _holders.TryGetValue(member.Address.ToString(), out var keys) ? keys : "");
                insert.Parameters.AddWithValue("$self", member.Address.Equals(_cluster.SelfAddress) ? 1 : 0);
                insert.Parameters.AddWithValue("$t", now);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            _log.Warning("Could not record the cluster's membership in the registry ({0})", e.SqliteErrorCode);
        }
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
