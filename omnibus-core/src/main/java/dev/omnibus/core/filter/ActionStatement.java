package dev.omnibus.core.filter;

/**
 * One {@code SET} or {@code REMOVE} of a rule action. Statements run in order against a {@link MessageChanges},
 * which also serves their reads, so {@code SET a = 1; SET b = a + 1} sets b to 2.
 */
abstract class ActionStatement {

    abstract void apply(MessageChanges changes);

    /** {@code SET user.x = expr}; an existing numeric property keeps its type when the new value fits it exactly. */
    static final class SetUser extends ActionStatement {
        final String name;
        final ValueNode value;

        SetUser(String name, ValueNode value) {
            this.name = name;
            this.value = value;
        }

        @Override
        void apply(MessageChanges changes) {
            Object v = value.eval(changes);
            changes.put(name, SqlValues.convertLike(v, changes.userProperty(name)));
        }
    }

    /** {@code SET sys.X = expr}; the value must have (or convert to) the property's type. */
    static final class SetSystem extends ActionStatement {
        final SystemProperty property;
        final ValueNode value;

        SetSystem(SystemProperty property, ValueNode value) {
            this.property = property;
            this.value = value;
        }

        @Override
        void apply(MessageChanges changes) {
            Object v = value.eval(changes);
            try {
                changes.setSystemProperty(property, v);
            } catch (IllegalArgumentException e) {
                throw new FilterEvaluationException("SET " + property + " failed: " + e.getMessage() + ".", e);
            }
        }
    }

    static final class RemoveUser extends ActionStatement {
        final String name;

        RemoveUser(String name) {
            this.name = name;
        }

        @Override
        void apply(MessageChanges changes) {
            changes.removeUserProperty(name);
        }
    }

    /** {@code REMOVE sys.X} clears a settable system property (the same as setting it to NULL). */
    static final class RemoveSystem extends ActionStatement {
        final SystemProperty property;

        RemoveSystem(SystemProperty property) {
            this.property = property;
        }

        @Override
        void apply(MessageChanges changes) {
            changes.setSystemProperty(property, null);
        }
    }
}
