using System.Collections.Immutable;
using Akka.Actor;

namespace Engine.Runtime.Pipeline;

/// <summary>
/// A marker that travels a fixed route of actors; each hop passes it on only after it has handled everything it
/// was sent before the barrier. Local Akka enqueues a Tell synchronously, so when the barrier comes home every
/// effect of the work sent ahead of it (fills booked, orders placed, quotes decided) has settled. The simulation
/// uses it to make one batch of market data fully deterministic; live trading never waits on it.
/// </summary>
public sealed record RouteBarrier(long Sequence, ImmutableQueue<IActorRef> Route)
{
    public static RouteBarrier Create(long sequence, params IActorRef[] route) => new(sequence, ImmutableQueue.CreateRange(route));

    /// <summary>Sends the barrier to its next hop (the first hop when called by the originator).</summary>
    public void PassOn(IActorRef self)
    {
        if (Route.IsEmpty) return;
        var next = Route.Dequeue(out var head);
        head.Tell(this with { Route = next }, self);
    }

    public bool IsHome => Route.IsEmpty;
}
