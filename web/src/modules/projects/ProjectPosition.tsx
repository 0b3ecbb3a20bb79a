import { Alert, Descriptions, Empty, Flex, Typography, theme } from 'antd';
import { useT } from '../../i18n';
import { aspectRatio, boxAround, CITY_BOXES, gridLines, placeInBox } from './position';

const WIDTH = 560;

/**
 * 地图位置 without map tiles (the server runs offline): the coordinates with a copy button and
 * a sketch of the city's bounding box, drawn to scale, with a grid of half degrees, the city
 * centre and the project's marker.
 */
export function ProjectPosition({
  cityCode,
  latitude,
  longitude,
}: {
  cityCode: string;
  latitude: number | null;
  longitude: number | null;
}) {
  const { t } = useT();
  const { token } = theme.useToken();
  if (latitude === null || longitude === null) return <Empty description={t('projectDetail.noCoordinates')} />;
  const box = CITY_BOXES[cityCode] ?? boxAround(latitude, longitude);
  const height = Math.round(WIDTH * aspectRatio(box));
  const point = placeInBox(box, latitude, longitude);
  const centre = box.centre ? placeInBox(box, box.centre.latitude, box.centre.longitude) : null;
  const text = `${latitude.toFixed(6)}, ${longitude.toFixed(6)}`;
  return (
    <Flex vertical gap={12} data-testid="project-position">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'coordinates',
            label: t('projectDetail.coordinates'),
            children: (
              <Typography.Text copyable={{ text }} style={{ fontFamily: 'monospace' }} data-testid="project-coordinates">
                {t('projectField.latitude')} {latitude.toFixed(6)} · {t('projectField.longitude')} {longitude.toFixed(6)}
              </Typography.Text>
            ),
          },
        ]}
      />
      {point.inside ? null : <Alert type="warning" showIcon title={t('projectDetail.outsideCity')} />}
      <Typography.Text type="secondary">{t('projectDetail.mapNote')}</Typography.Text>
      <svg
        viewBox={`-40 -10 ${WIDTH + 60} ${height + 40}`}
        width="100%"
        style={{ maxWidth: WIDTH + 60, background: token.colorBgContainer }}
        role="img"
        aria-label={text}
      >
        <rect x={0} y={0} width={WIDTH} height={height} fill={token.colorFillQuaternary} stroke={token.colorBorder} />
        {gridLines(box.west, box.east, 0.5).map((lon) => {
          const x = ((lon - box.west) / (box.east - box.west)) * WIDTH;
          return (
            <g key={`lon${lon}`}>
              <line x1={x} y1={0} x2={x} y2={height} stroke={token.colorBorderSecondary} strokeDasharray="4 4" />
              <text x={x} y={height + 16} fontSize={11} textAnchor="middle" fill={token.colorTextSecondary}>
                {lon}°E
              </text>
            </g>
          );
        })}
        {gridLines(box.south, box.north, 0.5).map((lat) => {
          const y = ((box.north - lat) / (box.north - box.south)) * height;
          return (
            <g key={`lat${lat}`}>
              <line x1={0} y1={y} x2={WIDTH} y2={y} stroke={token.colorBorderSecondary} strokeDasharray="4 4" />
              <text x={-6} y={y + 4} fontSize={11} textAnchor="end" fill={token.colorTextSecondary}>
                {lat}°N
              </text>
            </g>
          );
        })}
        {centre ? (
          <g>
            <circle cx={centre.x * WIDTH} cy={centre.y * height} r={5} fill={token.colorTextTertiary} />
            <text x={centre.x * WIDTH + 8} y={centre.y * height + 4} fontSize={12} fill={token.colorTextSecondary}>
              {t('projectDetail.cityCentre')}
            </text>
          </g>
        ) : null}
        <g transform={`translate(${point.x * WIDTH}, ${point.y * height})`} data-testid="project-marker">
          <path
            d="M0 0 C -6 -10, -10 -14, -10 -20 A 10 10 0 1 1 10 -20 C 10 -14, 6 -10, 0 0 Z"
            fill={point.inside ? token.colorError : token.colorWarning}
          />
          <circle cx={0} cy={-20} r={4} fill="#fff" />
        </g>
      </svg>
    </Flex>
  );
}
