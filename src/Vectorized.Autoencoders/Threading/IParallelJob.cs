namespace Vectorized.Autoencoders.Threading;

/// <summary>
/// Work cut into numbered parts that write disjoint outputs, so any thread may run any part and
/// the result does not depend on which one did. Implementations are reusable objects (cached per
/// calling thread) so that handing work to the pool allocates nothing.
/// </summary>
internal interface IParallelJob
{
    void RunPart(int part);
}
