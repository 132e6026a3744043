import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatNip } from '../format';
import type { Position } from '../types';
import { Badge } from './ui';

export function EmployeeStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone = status === 'active' ? 'ok' : status === 'retired' || status === 'moved' ? 'neutral' : 'warn';
  return <Badge tone={tone}>{t(`employeeStatus.${status}`, { defaultValue: status })}</Badge>;
}

/** Holder of a position, or the "Lowong" (vacant) badge; an acting holder gets the Plt./Plh. marker. */
export function HolderCell({ position }: { position: Position }) {
  const { t } = useTranslation();
  return (
    <div className="holder-cell">
      {position.holder ? (
        <span>
          <Link to={`/pegawai/${encodeURIComponent(position.holder.id)}`}>{position.holder.name}</Link>
          <span className="nip">{formatNip(position.holder.nip)}</span>
        </span>
      ) : (
        <Badge tone="warn">{t('positions.vacant')}</Badge>
      )}
      {position.acting ? (
        <span className="acting">
          <abbr className="acting-marker" title={t(`positions.actingKind.${position.acting.kind}`)}>
            {t(`positions.actingShort.${position.acting.kind}`)}
          </abbr>{' '}
          <Link to={`/pegawai/${encodeURIComponent(position.acting.id)}`}>{position.acting.name}</Link>
        </span>
      ) : null}
    </div>
  );
}
