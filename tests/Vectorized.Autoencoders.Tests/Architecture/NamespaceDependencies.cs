using System.Reflection;
using System.Reflection.Emit;

namespace Vectorized.Autoencoders.Tests.Architecture;

/// <summary>
/// Which of the library's namespaces each namespace uses, read from the compiled assembly: every
/// type's base, interfaces, fields, signatures, attributes and the members its method bodies touch
/// (IL tokens), so a call hidden in a method body counts as much as a parameter type.
/// </summary>
internal static class NamespaceDependencies
{
    private const string Root = "Vectorized.Autoencoders.";

    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The top-level namespace below the root (<c>Kernels.Drivers</c> counts as <c>Kernels</c>), or null outside the library.</summary>
    public static string? Layer(Type? type)
    {
        while (type is { IsNested: true })
        {
            type = type.DeclaringType;
        }

        var ns = type?.Namespace;
        if (ns is null || !ns.StartsWith(Root, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[Root.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Edges from namespace to namespace, each with one example of the type that makes it.</summary>
    public static Dictionary<(string From, string To), string> Edges(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            var from = Layer(type);
            if (from is null)
            {
                continue;
            }

            foreach (var used in UsedTypes(type))
            {
                var to = Layer(used);
                if (to is not null && to != from)
                {
                    edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return edges;
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            found.Add(t);
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var a in t.GetGenericArguments())
                {
                    Add(a);
                }
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var a in type.CustomAttributes)
        {
            Add(a.AttributeType);
        }

        foreach (var f in type.GetFields(all))
        {
            Add(f.FieldType);
        }

        foreach (var p in type.GetProperties(all))
        {
            Add(p.PropertyType);
        }

        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi)
            {
                Add(mi.ReturnType);
            }

            foreach (var p in m.GetParameters())
            {
                Add(p.ParameterType);
            }

            AddBodyReferences(m, Add);
        }

        return found;
    }

    /// <summary>Walks the method's IL and adds the declaring type of every member and type token it references.</summary>
    private static void AddBodyReferences(MethodBase method, Action<Type?> add)
    {
        var body = method.GetMethodBody();
        var il = body?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var local in body!.LocalVariables)
        {
            add(local.LocalType);
        }

        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[i++]);
            }

            var op = s_opCodes[value];
            switch (op.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    var token = BitConverter.ToInt32(il, i);
                    try
                    {
                        var member = module.ResolveMember(token, typeArgs, methodArgs);
                        add(member as Type ?? member?.DeclaringType);
                        if (member is MethodInfo target)
                        {
                            add(target.ReturnType);
                        }
                        else if (member is FieldInfo field)
                        {
                            add(field.FieldType);
                        }
                    }
                    catch (ArgumentException)
                    {
                        // A token into a generic context reflection cannot resolve here: not a library type.
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }
}
