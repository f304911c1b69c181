using System.CommandLine;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys master</c>: the master key ring's lifecycle (rotate, retire).</summary>
public static class MasterCommand
{
    public static Command Create() => new("master", "Rotate and retire master keys.")
    {
        MasterRotateCommand.Create(),
        MasterRetireCommand.Create(),
    };
}
